"""Operations: verified backups and restores (`bibliology backup`, `restore`, the scheduled job)."""
