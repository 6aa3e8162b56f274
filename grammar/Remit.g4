// Remit.g4 - the grammar of the Remit operating-model language.
//
// The grammar fixes the block structure of a file: imports, declarations,
// annotations and the "words" inside a block. How the words of a block split
// into properties (`reports_to ceo`, `escalates_to cpo after 5d`, flags such
// as `final`) depends on the declaration kind and is decided by the AST
// builder from the property schema (compiler/AST/Schema.cpp), because
// framework rights are user-defined keys and flags take no value. See
// docs/language.md for the language reference.
grammar Remit;

file        : topItem* EOF ;
topItem     : importDecl | annotatedDecl | stray ;
importDecl  : IMPORT target=(STRING | QNAME | IDENT) ;
annotatedDecl : annotation* declaration ;
annotation  : AT name=IDENT ( LPAREN word* RPAREN )? ;
declaration : declKeyword name=IDENT? title=STRING? block? ;
block       : LBRACE member* RBRACE ;
member      : annotatedDecl | word ;
// A token that cannot start a top-level item; kept in the tree so the
// parse wrapper reports it once, with a message in words.
stray       : word | RBRACE | RPAREN | LPAREN ;
word        : IDENT | QNAME | STRING | INT | DURATION | DATE | COMMA
            | BAD_NUMBER | BAD_DATE | UNTERMINATED_STRING ;

declKeyword : MODEL | UNIT | ROLE | PERSON | FORUM | AGENT | METRIC | OBJECTIVE
            | DECISION | HANDOFF | TRADEOFF | MODE | TERM | INITIATIVE
            | AUTHORITY | FRAMEWORK | UNIT_KIND | INTERACTION | CHECKS | RIGHT ;

// ---- Lexer ---------------------------------------------------------------
// compiler/Parse/Lexer.cpp implements these rules by hand for speed; change
// both together (tests/unit/ParseTests.cpp compares them).
IMPORT      : 'import' ;
MODEL       : 'model' ;
UNIT        : 'unit' ;
ROLE        : 'role' ;
PERSON      : 'person' ;
FORUM       : 'forum' ;
AGENT       : 'agent' ;
METRIC      : 'metric' ;
OBJECTIVE   : 'objective' ;
DECISION    : 'decision' ;
HANDOFF     : 'handoff' ;
TRADEOFF    : 'tradeoff' ;
MODE        : 'mode' ;
TERM        : 'term' ;
INITIATIVE  : 'initiative' ;
AUTHORITY   : 'authority' ;
FRAMEWORK   : 'framework' ;
UNIT_KIND   : 'unit_kind' ;
INTERACTION : 'interaction' ;
CHECKS      : 'checks' ;
RIGHT       : 'right' ;

LBRACE : '{' ;
RBRACE : '}' ;
LPAREN : '(' ;
RPAREN : ')' ;
COMMA  : ',' ;
AT     : '@' ;

// Dates and durations come before the catch-all bad-number rules so that a
// well-formed literal wins ties of equal length.
DATE       : DIGIT DIGIT DIGIT DIGIT '-' DIGIT DIGIT '-' DIGIT DIGIT ;
DURATION   : DIGIT+ [hdw] ;
INT        : DIGIT+ ;
BAD_DATE   : DIGIT+ '-' [0-9-]* ;
BAD_NUMBER : DIGIT+ [a-zA-Z_] [a-zA-Z_0-9]* ;

QNAME : NAME ( '.' NAME )+ ;
IDENT : NAME ;

STRING : '"' ( ~["\\\r\n] | '\\' ~[\r\n] )* '"' ;
UNTERMINATED_STRING : '"' ( ~["\\\r\n] | '\\' ~[\r\n] )* '\\'? ;

LINE_COMMENT  : '//' ~[\r\n]* -> channel(HIDDEN) ;
BLOCK_COMMENT : '/*' .*? '*/' -> channel(HIDDEN) ;
UNTERMINATED_COMMENT : '/*' ( ~'*' | '*'+ ~[*/] )* '*'* EOF ;

// U+FEFF is accepted anywhere as whitespace so a UTF-8 byte order mark at the
// start of a file needs no special case.
WS : [ \t\r\n\f\u000B\uFEFF]+ -> skip ;

// Anything else becomes one token the parse wrapper reports as an
// unexpected character; the lexer itself never fails.
UNEXPECTED_CHAR : . ;

fragment DIGIT : [0-9] ;
fragment NAME  : [a-zA-Z_] [a-zA-Z_0-9]* ( '-' [a-zA-Z_0-9]+ )* ;
