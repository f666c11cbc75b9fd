# The smoke run of a test kernel (tests/run-tests.sh runs it first on each):
# it boots, and the module loads. A kernel that does not get this far
# fails every scenario on it at once, instead of each at its own timeout.
# A generous timeout: a smoke run that times out on a slow machine would
# fail every scenario of a good kernel.
# timeout: 180
# checks: load
check load load_module
finish
