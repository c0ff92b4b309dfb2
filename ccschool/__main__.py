from ccschool.cli import main

raise SystemExit(main())
