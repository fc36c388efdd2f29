import sys

from assist.core.pinyin_worker import WORKER_COMMAND

if sys.argv[1:2] == [WORKER_COMMAND]:  # Assist started as its own pinyin worker: no window, no CLI
    from assist.core.pinyin_worker import serve

    raise SystemExit(serve(sys.argv[2:]))

from assist.cli import main

raise SystemExit(main())
