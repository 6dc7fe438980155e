package sqlite

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"strings"
	"time"

	"github.com/tavoli/tavoli/data"
)

// ApproveVerbale approves a closed session's verbale during a later session of the same body that is
// in corso: it keeps the PDF byte for byte with its SHA-256, records the decision on the approving
// item and marks that item done, and locks the approved session. All of it or none.
func (s *Store) ApproveVerbale(ctx context.Context, a data.Approval) (data.Verbale, error) {
	var v data.Verbale
	if len(a.PDF) == 0 {
		return v, data.Errorf(data.EInvalid, "err.verbale.empty")
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		sess, err := unlocked(ctx, tx, a.SessionID)
		if err != nil {
			return err
		}
		in, err := unlocked(ctx, tx, a.InSessionID)
		if err != nil {
			return err
		}
		switch {
		case sess.Status != data.SessionChiusa:
			return data.Errorf(data.EInvalid, "err.verbale.not_closed")
		case in.BodyID != sess.BodyID || !in.Date.After(sess.Date):
			return data.Errorf(data.EInvalid, "err.verbale.wrong_session")
		case in.Status != data.SessionInCorso:
			return data.Errorf(data.EInvalid, "err.session.not_running")
		}
		if err := itemOf(ctx, tx, in.ID, a.AgendaItemID); err != nil {
			return err
		}
		decisionID := ""
		if strings.TrimSpace(a.Decision) != "" {
			d := data.Decision{SessionID: in.ID, AgendaItemID: a.AgendaItemID, Text: strings.TrimSpace(a.Decision)}
			if err := s.save(ctx, tx, data.KindDecision, &d.Meta, decisionCols(d)); err != nil {
				return err
			}
			decisionID = d.ID
		}
		now := s.now().UTC()
		sum := sha256.Sum256(a.PDF)
		v = data.Verbale{SessionID: sess.ID, ApprovedInID: in.ID, DecisionID: decisionID, Approved: now,
			SHA256: hex.EncodeToString(sum[:]), PDF: append([]byte(nil), a.PDF...)}
		if err := s.save(ctx, tx, data.KindVerbale, &v.Meta, verbaleCols(v)); err != nil {
			return err
		}
		sess.Status, sess.ApprovedInID = data.SessionApprovata, in.ID
		if err := s.save(ctx, tx, data.KindSession, &sess.Meta, sessionCols(sess)); err != nil {
			return err
		}
		if a.AgendaItemID != "" {
			updated, err := s.touched(ctx, tx, "agenda_items", a.AgendaItemID, now)
			if err != nil {
				return err
			}
			_, err = tx.ExecContext(ctx, `UPDATE agenda_items SET done = 1, updated = ?, device = ? WHERE id = ?`,
				updated, s.device, a.AgendaItemID)
			return err
		}
		return nil
	})
	return v, err
}

// Verbale returns a session's approved verbale, ENotFound when it has none.
func (s *Store) Verbale(ctx context.Context, sessionID string) (data.Verbale, error) {
	var v data.Verbale
	err := s.read(ctx, func(tx *sql.Tx) error {
		var approved string
		m := metaScan{m: &v.Meta}
		err := tx.QueryRowContext(ctx, `SELECT `+metaCols("v")+`, v.session_id, v.approved_in_id, v.decision_id, v.approved,
			v.sha256, v.pdf FROM verbali v WHERE v.session_id = ? AND v.deleted = 0`, sessionID).Scan(
			append(m.dest(), &v.SessionID, &v.ApprovedInID, &v.DecisionID, &approved, &v.SHA256, &v.PDF)...)
		if err == sql.ErrNoRows {
			return data.Errorf(data.ENotFound, "err.verbale.none")
		}
		if err != nil {
			return err
		}
		if v.Approved, err = parseTime(approved); err != nil {
			return err
		}
		return m.finish()
	})
	return v, err
}

// Correct starts the correction act of an approved session: a new session of the same body, in bozza,
// linked to the one it corrects, with one item (title) before "Varie ed eventuali". The approved
// session and its verbale stay as they are.
func (s *Store) Correct(ctx context.Context, sessionID, title string, date time.Time) (data.Session, error) {
	var c data.Session
	err := s.write(ctx, func(tx *sql.Tx) error {
		orig, err := loadSession(ctx, tx, sessionID)
		if err != nil {
			return err
		}
		if !orig.Status.Locked() {
			return data.Errorf(data.EInvalid, "err.correction.not_approved")
		}
		c = data.Session{BodyID: orig.BodyID, Status: data.SessionBozza, Call: data.CallPrima, Date: date.UTC(),
			Place: orig.Place, PresidentID: orig.PresidentID, SecretaryID: orig.SecretaryID, CorrectsID: orig.ID}
		if err := c.Validate(); err != nil {
			return err
		}
		if err := s.save(ctx, tx, data.KindSession, &c.Meta, sessionCols(c)); err != nil {
			return err
		}
		titles := []string{data.DefaultAgenda[0], title, data.DefaultAgenda[len(data.DefaultAgenda)-1]}
		for i, t := range titles {
			it := data.AgendaItem{SessionID: c.ID, Position: i + 1, Title: t}
			if err := it.Validate(); err != nil {
				return err
			}
			if err := s.save(ctx, tx, data.KindAgendaItem, &it.Meta, agendaCols(it)); err != nil {
				return err
			}
		}
		return nil
	})
	return c, err
}
