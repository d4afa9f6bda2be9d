"""Stationed squads (派驻中队): a department's squad in a township under dual management."""
