# The same file reached through its real path and through a symlink: a file
# is loaded once however it is named, so there must be no name.duplicate.
mkdir shared
printf 'role ceo { final }\n' > shared/roles.remit
ln -s shared/roles.remit roles_link.remit
printf 'import "shared/roles.remit"\nimport "roles_link.remit"\nrole cpo { reports_to ceo }\n' > main.remit
