"""The sandbox: every execution of scene code goes through `runner.run_child`; `child.py` runs inside it."""
