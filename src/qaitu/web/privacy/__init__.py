"""The data subject's duties of the Law on Personal Data No. 94-V: subject-access export and
retention (docs/privacy.md). Deliberately no models: it reads and deletes the casework tables."""
