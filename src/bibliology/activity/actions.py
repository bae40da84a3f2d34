"""Action names written to activity_logs.action. Later domains add theirs (CREATE_LESSON,
SUBMIT_QUIZ, …) as plain upper-case strings; these are the ones accounts write."""

from __future__ import annotations

LOGIN = "LOGIN"
LOGIN_FAILED = "LOGIN_FAILED"
LOGOUT = "LOGOUT"
REGISTER = "REGISTER"
ROLE_CHANGE = "ROLE_CHANGE"
PERMISSION_DENIED = "PERMISSION_DENIED"
PASSWORD_CHANGE = "PASSWORD_CHANGE"  # noqa: S105 (an action name)
PASSWORD_RESET_REQUEST = "PASSWORD_RESET_REQUEST"  # noqa: S105 (an action name)
PASSWORD_RESET = "PASSWORD_RESET"  # noqa: S105 (an action name)
EMAIL_VERIFIED = "EMAIL_VERIFIED"
PROFILE_UPDATE = "PROFILE_UPDATE"
API_TOKEN_CREATED = "API_TOKEN_CREATED"  # noqa: S105 (an action name)
API_TOKEN_REVOKED = "API_TOKEN_REVOKED"  # noqa: S105 (an action name)
ACCOUNT_EXPORT = "ACCOUNT_EXPORT"
ACCOUNT_DELETED = "ACCOUNT_DELETED"
JOB_RETRY = "JOB_RETRY"
