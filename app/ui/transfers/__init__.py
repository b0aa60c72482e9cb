"""The application's Transfers window: its model, its actions, and what it is fed from."""
