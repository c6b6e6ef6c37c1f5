package annotations

import (
	"errors"
	"fmt"
	"strings"
)

// Why an operation was refused. Workspace.Apply wraps them in an *OpError,
// so callers test them with errors.Is; a document or schema that does not
// validate is reported as a *ValidationError inside the *OpError instead.
var (
	// ErrUnknownOp: the operation's kind is not one of the Op kinds.
	ErrUnknownOp = errors.New("unknown operation")
	// ErrPayload: the operation lacks its kind's payload or carries
	// another kind's (see Kinds for which is whose).
	ErrPayload = errors.New("wrong payload")
	// ErrNotFound: the document or annotation it names is not there.
	ErrNotFound = errors.New("not found")
	// ErrExists: the ID it would add is taken.
	ErrExists = errors.New("already exists")
	// ErrInUse: another annotation refers to what it would remove, or
	// annotations lie on the text it would remove.
	ErrInUse = errors.New("in use")
	// ErrInvalid: offsets out of range, a missing label, type or ID, or a
	// reference to something that cannot be referred to.
	ErrInvalid = errors.New("invalid")
)

// An OpError reports an operation that Workspace.Apply refused; the
// workspace is unchanged. Err is one of the sentinels above or a
// *ValidationError, and errors.Is and errors.As see through to it.
type OpError struct {
	Op  OpKind // the operation's kind
	Doc string // the document it targets, "" for the workspace
	ID  string // the annotation it names, if any
	Err error
	msg string // what went wrong, for people
}

func (e *OpError) Error() string {
	if e.msg == "" {
		// A *ValidationError's problems name their document themselves.
		return string(e.Op) + ": " + e.Err.Error()
	}
	var b strings.Builder
	b.WriteString(string(e.Op))
	if e.Doc != "" {
		fmt.Fprintf(&b, ": document %q", e.Doc)
	}
	b.WriteString(": " + e.msg)
	return b.String()
}

func (e *OpError) Unwrap() error { return e.Err }

// refuse returns the *OpError for op on document doc ("" for none), about
// annotation id, with a message made from format and args.
func refuse(op OpKind, doc, id string, err error, format string, args ...any) *OpError {
	return &OpError{Op: op, Doc: doc, ID: id, Err: err, msg: fmt.Sprintf(format, args...)}
}

// invalid wraps the problems found in a document or schema.
func invalid(op OpKind, doc string, probs []Problem) *OpError {
	return &OpError{Op: op, Doc: doc, Err: &ValidationError{Problems: probs}}
}
