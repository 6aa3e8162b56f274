# A directory whose only .remit entry is a symlink to a file outside it (with
# an error in it), and a dangling .remit symlink: neither may be skipped
# silently.
mkdir model
printf 'role ceo { bogus }\n' > elsewhere.remit
ln -s ../elsewhere.remit model/roles.remit
mkdir dangling
ln -s nowhere.remit dangling/gone.remit
