"""The Privacy page: retention, the audit trail and the app lock."""
