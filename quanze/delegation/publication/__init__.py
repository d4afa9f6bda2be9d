"""Background publication jobs: one press of 发布 queued, run by the task worker, recovered."""
