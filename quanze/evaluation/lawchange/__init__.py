"""Law-change impact (立改废释): the register of legal acts and what an amendment or repeal touches."""
