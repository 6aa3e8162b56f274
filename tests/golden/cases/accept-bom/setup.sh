# A UTF-8 byte order mark with LF line endings.
printf '\xef\xbb\xbfrole ceo { final }\nrole cpo { reports_to ceo }\n' > input.remit
