"""``python -m bench``: see :mod:`bench.perf`."""

from bench.perf import main

raise SystemExit(main())
