"""Accounts: users, sessions, API tokens, passwords, e-mailed tokens, privacy."""

# The tables this package adds beside the design's users table (and the throttle's counters, used
# by its login and reset routes): importing the package registers them on the metadata, so
# bibliology.models (which imports accounts.models) always sees them.
from bibliology import throttle as throttle
from bibliology.accounts import auth_models as auth_models
