"""One home per slash command: its pure parser and the function that answers it, without
Slack (`bot/listeners/commands/` only acknowledges, calls these and responds)."""
