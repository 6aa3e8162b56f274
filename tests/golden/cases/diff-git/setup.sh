# A temporary repository: v1 committed, then v2, then an uncommitted edit.
set -e
git init -q
git config user.email test@example.com
git config user.name test
git config commit.gpgsign false
mkdir models
cp v1/*.remit models/
git add models
git commit -q -m v1
cp v2/*.remit models/
git add models
git commit -q -m v2
rm -rf v1 v2
printf 'role intern { reports_to pm }\n' >> models/people.remit
