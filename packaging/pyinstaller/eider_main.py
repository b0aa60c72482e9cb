"""The frozen executable's entry point: the same `eider` command as the pip install's."""

from app.cli.main import main

raise SystemExit(main())
