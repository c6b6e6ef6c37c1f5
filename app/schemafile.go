package app

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"path"
	"reflect"
	"strings"

	"belgi/annotations"
	"belgi/annotations/brat"
	"belgi/annotations/loss"
)

// SchemaJSON returns the workspace's schema as indented JSON, to save.
func (s *State) SchemaJSON() ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	err := enc.Encode(s.WS.Schema)
	return b.Bytes(), err
}

// LoadSchema replaces the workspace's schema with one from a file: a
// schema saved by Belgi, the schema of a gold file, or a brat
// annotation.conf. Annotations whose labels the new schema lacks are kept
// and flagged. The report lists what a brat file could not express.
func (s *State) LoadSchema(name string, data []byte) (string, error) {
	var sc annotations.Schema
	var notes []string
	if strings.HasSuffix(strings.ToLower(path.Base(name)), ".conf") {
		var rep loss.Report
		var err error
		if sc, err = brat.ReadConf(name, data, &rep); err != nil {
			return "", fmt.Errorf("%s: %v", name, err)
		}
		for _, it := range rep.Items {
			notes = append(notes, it.String())
		}
	} else {
		var head struct {
			Format string              `json:"format"`
			Schema *annotations.Schema `json:"schema"`
		}
		if err := json.Unmarshal(data, &head); err == nil && head.Format == annotations.FormatName && head.Schema != nil {
			sc = *head.Schema
		} else {
			dec := json.NewDecoder(bytes.NewReader(data))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&sc); err != nil {
				return "", fmt.Errorf("%s is not a Belgi schema, a gold file or a brat annotation.conf: %v", name, err)
			}
		}
	}
	var errs []string
	for _, p := range annotations.ValidateSchema(&sc) {
		if !p.Warning {
			errs = append(errs, p.String())
		}
	}
	if len(errs) > 0 {
		return "", fmt.Errorf("%s: %s", name, strings.Join(firstN(errs, 5), "; "))
	}
	if len(sc.Entities)+len(sc.Events) == 0 {
		return "", errors.New(name + " defines no entity or event types")
	}
	if err := s.Do(annotations.Op{Kind: annotations.OpSetSchema, Schema: &sc}); err != nil {
		return "", err
	}
	msg := fmt.Sprintf("Schema %q loaded from %s: %d entity, %d event and %d relation types. Labels it lacks are kept and flagged; Ctrl+Z brings the old schema back.",
		sc.Name, name, len(sc.Entities), len(sc.Events), len(sc.Relations))
	if len(notes) > 0 {
		msg += " Not kept from the file: " + strings.Join(firstN(notes, 3), "; ")
	}
	return msg, nil
}

// SetSchema replaces the workspace's schema with sc, made in the schema
// editor, as one undoable step. As with LoadSchema, errors refuse it and
// warnings do not, and annotations whose labels sc lacks are kept and
// flagged. The workspace gets its own copy: neither sc nor the schema it
// replaces is changed, as both may be shared with components.
func (s *State) SetSchema(sc annotations.Schema) (string, error) {
	sc = sc.Clone()
	var errs []string
	for _, p := range annotations.ValidateSchema(&sc) {
		if !p.Warning {
			errs = append(errs, problemText(p))
		}
	}
	if len(errs) > 0 {
		return "", fmt.Errorf("schema not saved: %s", strings.Join(firstN(errs, 5), "; "))
	}
	if len(sc.Entities)+len(sc.Events) == 0 {
		return "", errors.New("schema not saved: it needs at least one entity or event type")
	}
	old := s.WS.Schema.Clone() // compared as sc is: no nil lists
	if reflect.DeepEqual(old, sc) {
		return "The schema is unchanged.", nil
	}
	if err := s.Do(annotations.Op{Kind: annotations.OpSetSchema, Schema: &sc}); err != nil {
		return "", err
	}
	msg := "Schema saved: " + annotations.DiffSchemas(&old, &sc).String() + ". "
	if n := annotations.Unlabelled(&old, &sc, s.WS.Documents); n > 0 {
		msg += plural(n, "annotation whose label the schema no longer has is", "annotations whose labels the schema no longer has are") + " kept and flagged. "
	} else {
		msg += "No annotation lost its label. "
	}
	return msg + "Ctrl+Z brings the old schema back.", nil
}

// problemText is a schema problem without the "schema: " every one
// starts with, for messages that already say it is about the schema.
func problemText(p annotations.Problem) string {
	t := strings.TrimPrefix(p.Msg, "schema: ")
	if p.Warning {
		t = "warning: " + t
	}
	return t
}
