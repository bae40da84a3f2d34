"""The admin's pages: accounts, the activity log and the job queue."""
