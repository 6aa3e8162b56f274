# Imports that try to leave the directories the model was given, and files
# that are not regular files. Each scenario has its own directory; `outside`
# is never given, so reading it needs --allow-outside-imports.
mkdir -p outside traversal absolute symlink symdir loop devices/sub
printf 'role secret_ceo { final }\n' > outside/secret.remit
# `..` traversal.
printf 'import "../outside/secret.remit"\nrole a { reports_to secret_ceo }\n' > traversal/main.remit
# Absolute paths (refused before anything is read or even looked up).
printf 'import "/etc/passwd"\nimport "/nonexistent/x.remit"\nrole a { final }\n' > absolute/main.remit
# A symlink inside the directory that points out of it.
ln -s ../outside/secret.remit symlink/link.remit
printf 'import "link.remit"\nrole a { reports_to secret_ceo }\n' > symlink/main.remit
# A symlinked directory that points out.
ln -s ../outside symdir/dir
printf 'import "dir/secret.remit"\nrole a { reports_to secret_ceo }\n' > symdir/main.remit
# Symlink loops: a link to itself and two links to each other.
ln -s self.remit loop/self.remit
ln -s b.remit loop/a.remit
ln -s a.remit loop/b.remit
printf 'import "self.remit"\nimport "a.remit"\nrole a { final }\n' > loop/main.remit
# A device, a FIFO and a directory.
mkfifo devices/pipe.remit
printf 'import "/dev/null"\nimport "pipe.remit"\nimport "sub"\nrole a { final }\n' > devices/main.remit
