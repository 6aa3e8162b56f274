# A UTF-8 byte order mark and CRLF line endings, with a non-ASCII title.
printf '\xef\xbb\xbfimport std.raci\r\nmodel m { framework raci }\r\nrole ceo "Directeur g\xc3\xa9n\xc3\xa9ral" { final }\r\nrole cpo { reports_to ceo }\r\ndecision d { accountable ceo  responsible cpo }\r\n' > input.remit
