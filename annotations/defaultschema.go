package annotations

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
)

// defaultSchemaJSON is the default schema, returned by DefaultSchema.
//
//go:embed default-schema.json
var defaultSchemaJSON []byte

// decodeSchema parses a schema written as the "schema" object of a gold
// file, refusing unknown fields.
func decodeSchema(data []byte) (Schema, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var s Schema
	if err := dec.Decode(&s); err != nil {
		return Schema{}, jsonError(data, err)
	}
	if dec.More() {
		return Schema{}, errors.New("extra data after the JSON value")
	}
	if s.Entities == nil {
		s.Entities = []EntityType{}
	}
	return s, nil
}
