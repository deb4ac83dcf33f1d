"""`python -m studytui.cli`."""

from studytui.cli import main

raise SystemExit(main())
