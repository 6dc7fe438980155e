package report

import (
	"context"

	"github.com/tavoli/tavoli/data"
)

// DocKind is a document a session gives.
type DocKind string

// The session's documents.
const (
	DocConvocazione DocKind = "convocazione"
	DocPresenze     DocKind = "presenze"
	DocVerbale      DocKind = "verbale"
	DocCalendar     DocKind = "ics"
	// DocVerbalePublication is the verbale's copy for publication at the albo pretorio; its name is the
	// file's too ("verbale-pubblicazione-…").
	DocVerbalePublication DocKind = "verbale-pubblicazione"
)

// DocumentStore is what making a session's documents reads.
type DocumentStore interface {
	Dossier(ctx context.Context, sessionID string) (data.Dossier, error)
	Verbale(ctx context.Context, sessionID string) (data.Verbale, error)
}

// RenderDocument makes a session's document (convocazione, presenze, verbale, ics) from its dossier,
// which it also returns (the window names the file after it). An approved verbale is the one kept in
// the database, byte for byte, not a new rendering: what was approved is what is handed out. Its copy
// for publication is rendered from the session's data, which the approval locked.
func RenderDocument(ctx context.Context, st DocumentStore, sessionID string, kind DocKind) ([]byte, data.Dossier, error) {
	d, err := st.Dossier(ctx, sessionID)
	if err != nil {
		return nil, d, err
	}
	var b []byte
	switch kind {
	case DocConvocazione:
		b, err = Convocazione(d)
	case DocPresenze:
		b, err = Presenze(d)
	case DocCalendar:
		b, err = Calendar(d)
	case DocVerbalePublication:
		b, err = VerbalePublication(d)
	case DocVerbale:
		if d.Session.Status.Locked() {
			var v data.Verbale
			v, err = st.Verbale(ctx, sessionID)
			b = v.PDF
		} else {
			b, err = Verbale(d)
		}
	default:
		return nil, d, data.Errorf(data.EInvalid, "err.document.kind", "kind", string(kind))
	}
	return b, d, renderError(err)
}

// RenderResults makes the results PDF of a vote of a session, and returns the session's dossier.
func RenderResults(ctx context.Context, st DocumentStore, sessionID, voteID string) ([]byte, data.Dossier, error) {
	d, err := st.Dossier(ctx, sessionID)
	if err != nil {
		return nil, d, err
	}
	b, err := Results(d, voteID)
	return b, d, renderError(err)
}

// renderError codes an error of the PDF library as an internal one; domain errors stay as they are.
func renderError(err error) error {
	if err != nil && data.AsError(err) == nil {
		return data.Errorf(data.EInternal, "err.document.render").Wrap(err)
	}
	return err
}
