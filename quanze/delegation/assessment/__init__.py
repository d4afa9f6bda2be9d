"""Assessment: scoring, flagging and classing each item of a project (评估分类)."""
