# Hostile text in every place model text can reach an output: titles and
# strings with quotes, markup, `]]>`, backticks, pipes, `%`, `::`, newlines,
# control characters (ESC, BEL, DEL, C1), bidi overrides and a very long
# string; a check name in @allow that is itself hostile (it is quoted in a
# message); and a file whose name has spaces, `%`, `#`, `::`, `,`, `&` and `<`.
# Written here because the raw control and bidi characters cannot be committed
# readably.
esc=$(printf '\033')
bel=$(printf '\007')
del=$(printf '\177')
c1=$(printf '\302\233')         # U+009B, the 8-bit CSI
rlo=$(printf '\342\200\256')    # U+202E RIGHT-TO-LEFT OVERRIDE
lri=$(printf '\342\201\246')    # U+2066 LEFT-TO-RIGHT ISOLATE
long=$(head -c 3000 /dev/zero | tr '\0' 'L')
hostile="q\\\"uote <b>&amp;</b> ]]> \`tick\` |pipe| 100% ::error::x, a:b \\n::warning file=x::injected ${esc}[31mred${esc}[0m ${bel}${del}${c1} ${rlo}evil${lri} end"
mkdir model
cat > "model/we ird%25 #1 ::x, &<y>.remit" <<X
import std.raci
model m "${hostile}" { framework raci }
unit u "${hostile}" {
  role boss "${hostile}" { final }
  role sub "${hostile} ${long}" { reports_to boss  escalates_to boss after 1d }
}
@allow("${hostile}", "reason ${hostile}")
decision d "${hostile}" {
  accountable boss
  responsible sub
}
handoff h "${hostile}" {
  from boss  to sub
  artifact "${hostile}"
}
objective o "${hostile}" { owner boss  maximize m1 }
metric m1 "${hostile}"
X
cp -R model old
printf 'role extra "%s" { reports_to boss }\n' "${hostile}" > model/extra.remit
