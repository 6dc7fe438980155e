package sqlite

import (
	"context"
	"database/sql"

	"github.com/tavoli/tavoli/data"
)

// Dossier gathers everything about a session for its documents and the meeting screen, in one read.
func (s *Store) Dossier(ctx context.Context, sessionID string) (data.Dossier, error) {
	var d data.Dossier
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		d, err = dossier(ctx, tx, sessionID)
		return err
	})
	if err == nil {
		s.heldIn(&d)
	}
	return d, err
}

func dossier(ctx context.Context, tx *sql.Tx, sessionID string) (data.Dossier, error) {
	var d data.Dossier
	var err error
	if d.Session, err = loadSession(ctx, tx, sessionID); err != nil {
		return d, err
	}
	if d.Body, err = loadBody(ctx, tx, d.Session.BodyID); err != nil {
		return d, err
	}
	am := metaScan{m: &d.Ambito.Meta}
	err = tx.QueryRowContext(ctx, `SELECT `+metaCols("a")+`, a.name, a.short_name, a.region,
		coalesce(a.capofila_id, ''), a.address, coalesce(c.name, '')
		FROM ambito a LEFT JOIN comuni c ON c.id = a.capofila_id AND c.deleted = 0
		WHERE a.deleted = 0 ORDER BY a.created LIMIT 1`).Scan(append(am.dest(), &d.Ambito.Name, &d.Ambito.ShortName,
		&d.Ambito.Region, &d.Ambito.CapofilaID, &d.Ambito.Address, &d.Capofila)...)
	switch {
	case err == nil:
		if err := am.finish(); err != nil {
			return d, err
		}
	case err != sql.ErrNoRows:
		return d, err
	}
	if d.Body.AreaID != "" {
		if err := tx.QueryRowContext(ctx, `SELECT name FROM areas WHERE id = ?`, d.Body.AreaID).Scan(&d.AreaName); err != nil && err != sql.ErrNoRows {
			return d, err
		}
	}
	prev, err := scanSession(tx.QueryRowContext(ctx, `SELECT `+metaCols("s")+`, `+sessionSelect+` FROM sessions s
		WHERE s.body_id = ? AND s.deleted = 0 AND s.date < ? AND s.id <> ? AND s.status IN (?, ?)
		AND s.corrects_id IS NULL ORDER BY s.date DESC, s.id LIMIT 1`,
		d.Session.BodyID, fmtTime(d.Session.Date), d.Session.ID, string(data.SessionChiusa), string(data.SessionApprovata)))
	switch {
	case err == nil:
		d.Previous = &prev
	case err != sql.ErrNoRows:
		return d, err
	}
	if d.Session.ApprovedInID != "" {
		a, err := loadSession(ctx, tx, d.Session.ApprovedInID)
		if err != nil {
			return d, err
		}
		d.ApprovedIn = &a
		rec, found, err := approvalRecord(ctx, tx, a, sessionID)
		if err != nil {
			return d, err
		}
		if found {
			d.Approval = &rec
		}
	}
	numbers, err := bodyNumbers(ctx, tx, d.Session.BodyID)
	if err != nil {
		return d, err
	}
	d.Number = numbers[sessionID]
	if d.Session.CorrectsID != "" {
		c, err := loadSession(ctx, tx, d.Session.CorrectsID)
		if err != nil {
			return d, err
		}
		d.Corrects = &c
	}
	if d.Delegates, err = standingDelegates(ctx, tx, d.Body.ID); err != nil {
		return d, err
	}
	if d.Members, err = memberships(ctx, tx, d.Body.ID); err != nil {
		return d, err
	}
	if d.Agenda, err = agenda(ctx, tx, sessionID); err != nil {
		return d, err
	}
	if d.Register, d.Seats, err = register(ctx, tx, d.Session); err != nil {
		return d, err
	}
	officers, err := personViews(ctx, tx, map[string]bool{d.Session.PresidentID: true, d.Session.SecretaryID: true})
	if err != nil {
		return d, err
	}
	d.President = officers[d.Session.PresidentID].Naming()
	d.Secretary = officers[d.Session.SecretaryID].Naming()
	d.PresidentName, d.SecretaryName = d.President.Prose(), d.Secretary.Prose()
	if d.Decisions, err = decisions(ctx, tx, sessionID); err != nil {
		return d, err
	}
	if d.Actions, err = actions(ctx, tx, sessionID); err != nil {
		return d, err
	}
	if d.ActionChecks, err = openActionsBefore(ctx, tx, d.Session.BodyID, d.Session.Date, sessionID); err != nil {
		return d, err
	}
	if d.Speeches, err = speeches(ctx, tx, sessionID); err != nil {
		return d, err
	}
	if d.Proposals, err = sessionProposals(ctx, tx, sessionID); err != nil {
		return d, err
	}
	if d.Private, err = privatePeople(ctx, tx); err != nil {
		return d, err
	}
	if d.Votes, err = sessionVotes(ctx, tx, sessionID); err != nil {
		return d, err
	}
	d.Ballots, d.Voted = map[string][]data.VoteBallot{}, map[string][]string{}
	for _, v := range d.Votes {
		if d.Ballots[v.ID], d.Voted[v.ID], err = ballots(ctx, tx, v.ID); err != nil {
			return d, err
		}
		for _, id := range v.Covers {
			var title string
			if err := tx.QueryRowContext(ctx, `SELECT title FROM proposals WHERE id = ?`, id).Scan(&title); err != nil {
				return d, err
			}
			if d.Covered == nil {
				d.Covered = map[string]string{}
			}
			d.Covered[id] = title
		}
	}
	d.Changed = d.Session.Updated
	later := func(m data.Meta) {
		if m.Updated.After(d.Changed) {
			d.Changed = m.Updated
		}
	}
	for _, x := range d.Agenda {
		later(x.Meta)
	}
	for _, x := range d.Register {
		later(x.Meta)
	}
	for _, x := range d.Decisions {
		later(x.Meta)
	}
	for _, x := range d.Actions {
		later(x.Meta)
	}
	for _, x := range d.ActionChecks {
		later(x.Meta)
		if x.FollowUp != nil {
			later(x.FollowUp.Meta)
		}
	}
	for _, x := range d.Proposals {
		later(x.Meta)
	}
	for _, x := range d.Votes {
		later(x.Meta)
	}
	return d, nil
}

var _ data.MeetingStore = (*Store)(nil)

// standingDelegates are the body's members who hold a seat by delegation (role delegato).
func standingDelegates(ctx context.Context, tx *sql.Tx, bodyID string) ([]data.MembershipView, error) {
	all, err := memberships(ctx, tx, bodyID)
	if err != nil {
		return nil, err
	}
	var out []data.MembershipView
	for _, m := range all {
		if m.Role == data.RoleDelegato && m.SeatID != "" {
			out = append(out, m)
		}
	}
	return out, nil
}

// approvalRecord finds the vote that approved a session's verbale, through the decision its verbale
// records; found is false for a verbale approved without one (before approvals were votes).
func approvalRecord(ctx context.Context, tx *sql.Tx, in data.Session, sessionID string) (rec data.ApprovalRecord, found bool, err error) {
	var decisionID string
	err = tx.QueryRowContext(ctx, `SELECT decision_id FROM verbali WHERE session_id = ? AND deleted = 0`, sessionID).Scan(&decisionID)
	if err == sql.ErrNoRows {
		return rec, false, nil
	}
	if err != nil {
		return rec, false, err
	}
	return approvalByDecision(ctx, tx, in, decisionID)
}

// approvalByDecision is the vote a decision of the approving session records, with its ballots.
func approvalByDecision(ctx context.Context, tx *sql.Tx, in data.Session, decisionID string) (rec data.ApprovalRecord, found bool, err error) {
	var voteID string
	err = tx.QueryRowContext(ctx, `SELECT vote_id FROM decisions WHERE id = ? AND deleted = 0`, decisionID).Scan(&voteID)
	if err == sql.ErrNoRows || err == nil && voteID == "" {
		return rec, false, nil
	}
	if err != nil {
		return rec, false, err
	}
	x, err := loadVote(ctx, tx, voteID)
	if err != nil {
		return rec, false, err
	}
	bs, _, err := ballots(ctx, tx, voteID)
	if err != nil {
		return rec, false, err
	}
	return data.ApprovalRecord{Session: in, Vote: x, Ballots: bs}, true, nil
}
