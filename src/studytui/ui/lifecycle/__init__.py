"""How the app ends: a hang-up, SIGTERM or an unexpected error saves the notes and leaves nothing behind."""
