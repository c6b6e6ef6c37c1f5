// Package brat reads and writes the brat standoff format: a .txt file holding
// the text and an .ann file holding one annotation per line, and the
// annotation.conf that declares the types.
//
// Offsets in .ann files are Unicode code points into the .txt file exactly as
// stored (a BOM and each CR count), end exclusive, as in Belgi's model, so
// they are never converted. The .txt file is never modified.
//
// The .ann lines map onto the model as follows:
//
//	T  text-bound         annotations.Span; "s e;s e" gives Fragments
//	E  event              annotations.Event; role suffixes (Person2) are
//	                      dropped on import and written back by position
//	R  binary relation    annotations.Relation with the roles as written
//	*  equivalence        annotations.Relation with ID "*n" (n counts the *
//	                      lines) and every member in role EquivRole
//	A, M attribute        annotations.Attribute (binary when Value is "")
//	N  normalization      annotations.Normalization
//	#  note               annotations.Note
//
// Read keeps the original .ann file in the document's Origin, and Write puts
// back every line whose annotation is unchanged verbatim, so a document read
// and written again is byte-exact, malformed lines and all. Both report what
// they cannot carry to a loss.Report.
//
// The package is pure Go with no file system access beyond io/fs, so it also
// runs in the browser.
package brat
