# A NUL byte in the middle of an otherwise valid file.
printf 'role a { final }\nrole b\000 { reports_to a }\n' > nul.remit
