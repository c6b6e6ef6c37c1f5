package annotations

import _ "embed"

// JSONSchema is the JSON Schema (draft 2020-12) of the gold file format.
//
//go:embed gold.schema.json
var JSONSchema []byte
