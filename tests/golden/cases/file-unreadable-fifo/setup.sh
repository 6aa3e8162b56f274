# A FIFO with a .remit name: importing it, naming it, and a directory
# holding only it must all report it, never block on reading it.
mkfifo pipe.remit
mkdir only_fifo
mkfifo only_fifo/other.remit
cat > main.remit <<'X'
import "pipe.remit"
role a
X
