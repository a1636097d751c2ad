"""What every server process does first, before its own start-up."""
