# The bundled example, copied so diagnostics name its files relatively.
cp -R "$REPO/examples/retail-incident" .
