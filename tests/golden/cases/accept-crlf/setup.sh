# CRLF line endings without a BOM, with a comment and a multi-line block
# comment; the error on line 5 must be located correctly.
printf 'role ceo { final }\r\n// a comment\r\n/* two\r\n   lines */\r\nrole cpo { reports_to ceo  bogus }\r\n' > input.remit
