"""The main screen's layout at any terminal size: panes as tabs when narrow, f11 maximise, the outline's width."""
