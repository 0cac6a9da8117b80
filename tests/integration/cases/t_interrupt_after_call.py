# A signal raised during a C call is handled right after the call returns,
# before the next statement (3.11's CALL checks the eval breaker).
import _thread
log = []
def restore():
    log.append("restore entered")
def wait():
    try:
        _thread.interrupt_main()  # makes SIGINT pending, like a signal arriving during a C call
        log.append("after C call")
    finally:
        restore()
        log.append("restore done")
try:
    wait()
except KeyboardInterrupt:
    log.append("KeyboardInterrupt")
print(log)
