from assist.cli import main

raise SystemExit(main())
