package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/ids"
	"github.com/tavoli/tavoli/data/italian"
)

// implementationID is the id of a proposal's attuazione (data.ImplementationID).
func implementationID(proposalID string) string { return ids.Implementation(proposalID) }

func implementationCols(im data.Implementation) []column {
	b, _ := json.Marshal(data.FullBudget(im.Budget)) // a slice of plain structs always marshals
	return []column{{"proposal_id", im.ProposalID}, {"responsible_kind", string(im.ResponsibleKind)},
		{"responsible_id", im.ResponsibleID}, {"starts_on", optTime(im.Start)}, {"ends_on", optTime(im.End)},
		{"progress", im.Progress}, {"budget", string(b)}, {"notes", im.Notes}}
}

func milestoneCols(m data.Milestone) []column {
	return []column{{"implementation_id", m.ImplementationID}, {"title", m.Title}, {"due", optTime(m.Due)},
		{"done", m.Done}, {"done_on", optTime(m.DoneOn)}, {"position", m.Position}}
}

func indicatorCols(i data.Indicator) []column {
	return []column{{"implementation_id", i.ImplementationID}, {"name", i.Name}, {"unit", i.Unit},
		{"target", i.Target}, {"value", i.Value}, {"measured_on", optTime(i.MeasuredOn)}}
}

const implementationSelect = `SELECT id, created, updated, device, deleted, proposal_id, responsible_kind,
	responsible_id, starts_on, ends_on, progress, budget, notes FROM implementations`

func scanImplementations(rows *sql.Rows) ([]data.Implementation, error) {
	defer rows.Close()
	var out []data.Implementation
	for rows.Next() {
		var im data.Implementation
		var start, end, budget string
		m := metaScan{m: &im.Meta}
		if err := rows.Scan(append(m.dest(), &im.ProposalID, &im.ResponsibleKind, &im.ResponsibleID, &start, &end,
			&im.Progress, &budget, &im.Notes)...); err != nil {
			return nil, err
		}
		err := m.finish()
		if err == nil {
			im.Start, err = parseOptTime(start)
		}
		if err == nil {
			im.End, err = parseOptTime(end)
		}
		if err == nil {
			err = json.Unmarshal([]byte(budget), &im.Budget)
		}
		if err != nil {
			return nil, data.Errorf(data.ECorrupt, "err.db.corrupt").Wrap(err)
		}
		im.Start, im.End, im.Budget = data.DayOf(im.Start), data.DayOf(im.End), data.FullBudget(im.Budget)
		out = append(out, im)
	}
	return out, rows.Err()
}

const milestoneSelect = `SELECT id, created, updated, device, deleted, implementation_id, title, due, done, done_on,
	position FROM milestones`

func scanMilestones(rows *sql.Rows) ([]data.Milestone, error) {
	defer rows.Close()
	var out []data.Milestone
	for rows.Next() {
		var x data.Milestone
		var due, doneOn string
		m := metaScan{m: &x.Meta}
		if err := rows.Scan(append(m.dest(), &x.ImplementationID, &x.Title, &due, &x.Done, &doneOn, &x.Position)...); err != nil {
			return nil, err
		}
		err := m.finish()
		if err == nil {
			x.Due, err = parseOptTime(due)
		}
		if err == nil {
			x.DoneOn, err = parseOptTime(doneOn)
		}
		if err != nil {
			return nil, data.Errorf(data.ECorrupt, "err.db.corrupt").Wrap(err)
		}
		x.Due, x.DoneOn = data.DayOf(x.Due), data.DayOf(x.DoneOn)
		out = append(out, x)
	}
	return out, rows.Err()
}

const indicatorSelect = `SELECT id, created, updated, device, deleted, implementation_id, name, unit, target, value,
	measured_on FROM indicators`

func scanIndicators(rows *sql.Rows) ([]data.Indicator, error) {
	defer rows.Close()
	var out []data.Indicator
	for rows.Next() {
		var x data.Indicator
		var on string
		m := metaScan{m: &x.Meta}
		if err := rows.Scan(append(m.dest(), &x.ImplementationID, &x.Name, &x.Unit, &x.Target, &x.Value, &on)...); err != nil {
			return nil, err
		}
		err := m.finish()
		if err == nil {
			x.MeasuredOn, err = parseOptTime(on)
		}
		if err != nil {
			return nil, data.Errorf(data.ECorrupt, "err.db.corrupt").Wrap(err)
		}
		x.MeasuredOn = data.DayOf(x.MeasuredOn)
		out = append(out, x)
	}
	return out, rows.Err()
}

// loadImplementation reads one attuazione by id, deleted or not; ok is false when there is none.
func loadImplementation(ctx context.Context, tx *sql.Tx, id string) (im data.Implementation, ok bool, err error) {
	rows, err := tx.QueryContext(ctx, implementationSelect+` WHERE id = ?`, id)
	if err != nil {
		return im, false, err
	}
	list, err := scanImplementations(rows)
	if err != nil || len(list) == 0 {
		return im, false, err
	}
	return list[0], true, nil
}

// responsibleName is how lists and the history name who answers for an attuazione: a body's,
// organisation's or person's name ("Maria Rossi"), "Comune di Magione". A deleted record keeps its
// name, for the history.
func responsibleName(ctx context.Context, tx *sql.Tx, kind data.Kind, id string) (string, error) {
	var q string
	switch kind {
	case "":
		return "", nil
	case data.KindBody:
		q = `SELECT name FROM bodies WHERE id = ?`
	case data.KindOrganisation:
		q = `SELECT name FROM organisations WHERE id = ?`
	case data.KindComune:
		q = `SELECT 'Comune di ' || name FROM comuni WHERE id = ?`
	case data.KindPerson:
		q = `SELECT trim(name || ' ' || surname) FROM people WHERE id = ?`
	default:
		return "", nil
	}
	var name string
	err := tx.QueryRowContext(ctx, q, id).Scan(&name)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return name, err
}

// implementable reads the live proposal an attuazione belongs to, refusing one the Sindaci have not approved.
func implementable(ctx context.Context, tx *sql.Tx, proposalID string) (data.Proposal, error) {
	v, err := loadProposal(ctx, tx, proposalID)
	if err != nil {
		return data.Proposal{}, err
	}
	if !data.CanImplement(v.State) {
		return data.Proposal{}, data.Errorf(data.EInvalid, "err.attuazione.state", "title", v.Title, "state", v.State)
	}
	return v.Proposal, nil
}

// record writes the step of the history that a change of an attuazione makes. Starting the attuazione
// of an approvata proposal moves it to in_attuazione; progress reaching 100% makes it realizzata, and
// going below 100% again brings it back to in_attuazione.
func (s *Store) record(h *history, p data.Proposal, lines []string, progress int) error {
	to := p.State
	switch {
	case p.State == data.StateApprovata && progress < 100:
		to = data.StateInAttuazione
	case p.State != data.StateRealizzata && progress == 100:
		to = data.StateRealizzata
	case p.State == data.StateRealizzata && progress < 100:
		to = data.StateInAttuazione
	}
	e := data.ProposalEvent{Action: data.ActionAttuazione, Reason: strings.Join(lines, "; ")}
	if to == data.StateRealizzata && p.State == data.StateApprovata {
		// Straight to realizzata: through in_attuazione, so the history walks the lifecycle.
		if err := s.setState(h, &p, data.StateInAttuazione, e); err != nil {
			return err
		}
		e.Reason = ""
	}
	if to != p.State {
		return s.setState(h, &p, to, e)
	}
	e.ProposalID, e.From, e.To = p.ID, p.State, p.State
	return h.add(e)
}

// progressOf reads an attuazione's progress, for the history's moves of state.
func progressOf(ctx context.Context, tx *sql.Tx, id string) (int, error) {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT progress FROM implementations WHERE id = ?`, id).Scan(&n)
	return n, err
}

// SaveImplementation creates or updates the attuazione of an approved proposal and records what changed in
// the proposal's history. Its id is its proposal's: an attuazione given without id while another is stored
// for the proposal is refused as changed meanwhile. A save that changes nothing writes nothing.
func (s *Store) SaveImplementation(ctx context.Context, im data.Implementation) (data.Implementation, error) {
	im.Normalize()
	if err := im.Validate(); err != nil {
		return im, err
	}
	im.Budget = data.FullBudget(im.Budget)
	id := implementationID(im.ProposalID)
	if im.ID != "" && im.ID != id {
		return im, data.Errorf(data.EInvalid, "err.attuazione.proposal")
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		p, err := implementable(ctx, tx, im.ProposalID)
		if err != nil {
			return err
		}
		if err := liveRef(ctx, tx, im.ResponsibleKind, im.ResponsibleID); err != nil {
			return err
		}
		was, ok, err := loadImplementation(ctx, tx, id)
		if err != nil {
			return err
		}
		switch {
		case ok && !was.Deleted && im.ID == "":
			return data.Errorf(data.EChanged, "err.record.changed", "kind", string(data.KindImplementation))
		case ok && was.Deleted:
			// Started again after it was deleted: the same record comes back.
			if err := s.setDeleted(ctx, tx, data.Ref{Kind: data.KindImplementation, ID: id}, false); err != nil {
				return err
			}
			was, im.Updated = data.Implementation{}, time.Time{}
		case !ok:
			was = data.Implementation{}
		}
		im.ID = id
		wasName, err := responsibleName(ctx, tx, was.ResponsibleKind, was.ResponsibleID)
		if err != nil {
			return err
		}
		isName, err := responsibleName(ctx, tx, im.ResponsibleKind, im.ResponsibleID)
		if err != nil {
			return err
		}
		lines := italian.AttuazioneChanges(was, im, wasName, isName)
		if len(lines) == 0 {
			if im.Updated.IsZero() || fmtTime(im.Updated) == fmtTime(was.Updated) {
				im = was
				return nil
			}
			return data.Errorf(data.EChanged, "err.record.changed", "kind", string(data.KindImplementation))
		}
		if err := s.save(ctx, tx, data.KindImplementation, &im.Meta, implementationCols(im)); err != nil {
			return err
		}
		h, err := s.history(ctx, tx)
		if err != nil {
			return err
		}
		return s.record(h, p, lines, im.Progress)
	})
	return im, err
}

// owner reads the live attuazione a milestone or indicator belongs to, and its approved proposal.
func owner(ctx context.Context, tx *sql.Tx, implementationID string) (data.Implementation, data.Proposal, error) {
	im, ok, err := loadImplementation(ctx, tx, implementationID)
	if err != nil {
		return im, data.Proposal{}, err
	}
	if !ok || im.Deleted {
		return im, data.Proposal{}, data.Errorf(data.ENotFound, "err.ref.missing", "kind", string(data.KindImplementation))
	}
	p, err := implementable(ctx, tx, im.ProposalID)
	return im, p, err
}

// SaveMilestone creates, updates or (with Deleted set) removes a milestone of an attuazione, and records
// the change in the proposal's history. Marking it done dates it today unless DoneOn is given; a new one
// without a position goes last.
func (s *Store) SaveMilestone(ctx context.Context, m data.Milestone) (data.Milestone, error) {
	m.Title = strings.TrimSpace(m.Title)
	m.Due, m.DoneOn = data.DayOf(m.Due), data.DayOf(m.DoneOn)
	if err := m.Validate(); err != nil {
		return m, err
	}
	if !m.Done {
		m.DoneOn = time.Time{}
	} else if m.DoneOn.IsZero() {
		m.DoneOn = data.DayOf(s.now())
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		im, p, err := owner(ctx, tx, m.ImplementationID)
		if err != nil {
			return err
		}
		var was data.Milestone
		if m.ID != "" {
			rows, err := tx.QueryContext(ctx, milestoneSelect+` WHERE id = ? AND deleted = 0`, m.ID)
			if err != nil {
				return err
			}
			list, err := scanMilestones(rows)
			if err != nil {
				return err
			}
			if len(list) == 0 {
				return data.Errorf(data.ENotFound, "err.record.deleted", "kind", string(data.KindMilestone))
			}
			was = list[0]
		}
		if m.Deleted {
			if was.ID == "" {
				return nil
			}
			if !m.Updated.IsZero() && fmtTime(m.Updated) != fmtTime(was.Updated) {
				return data.Errorf(data.EChanged, "err.record.changed", "kind", string(data.KindMilestone))
			}
			if err := s.setDeleted(ctx, tx, data.Ref{Kind: data.KindMilestone, ID: m.ID}, true); err != nil {
				return err
			}
		} else {
			if was.ID == "" && m.Position == 0 {
				if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(position), 0) + 1 FROM milestones
					WHERE deleted = 0 AND implementation_id = ?`, m.ImplementationID).Scan(&m.Position); err != nil {
					return err
				}
			}
			if was.ID != "" && was.Title == m.Title && was.Due.Equal(m.Due) && was.Done == m.Done &&
				was.DoneOn.Equal(m.DoneOn) && was.Position == m.Position {
				m = was
				return nil
			}
			if err := s.save(ctx, tx, data.KindMilestone, &m.Meta, milestoneCols(m)); err != nil {
				return err
			}
		}
		lines := italian.MilestoneChanges(was, m)
		if len(lines) == 0 {
			return nil // only its position moved
		}
		h, err := s.history(ctx, tx)
		if err != nil {
			return err
		}
		progress, err := progressOf(ctx, tx, im.ID)
		if err != nil {
			return err
		}
		return s.record(h, p, lines, progress)
	})
	return m, err
}

// SaveIndicator creates, updates or (with Deleted set) removes an indicator of an attuazione, and
// records the change in the proposal's history. A new value without a new date is measured today.
func (s *Store) SaveIndicator(ctx context.Context, i data.Indicator) (data.Indicator, error) {
	i.Name, i.Unit = strings.TrimSpace(i.Name), strings.TrimSpace(i.Unit)
	i.MeasuredOn = data.DayOf(i.MeasuredOn)
	if err := i.Validate(); err != nil {
		return i, err
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		im, p, err := owner(ctx, tx, i.ImplementationID)
		if err != nil {
			return err
		}
		var was data.Indicator
		if i.ID != "" {
			rows, err := tx.QueryContext(ctx, indicatorSelect+` WHERE id = ? AND deleted = 0`, i.ID)
			if err != nil {
				return err
			}
			list, err := scanIndicators(rows)
			if err != nil {
				return err
			}
			if len(list) == 0 {
				return data.Errorf(data.ENotFound, "err.record.deleted", "kind", string(data.KindIndicator))
			}
			was = list[0]
		}
		if (was.ID == "" && i.Value != 0 || was.ID != "" && was.Value != i.Value) && i.MeasuredOn.Equal(was.MeasuredOn) {
			i.MeasuredOn = data.DayOf(s.now())
		}
		if i.Deleted {
			if was.ID == "" {
				return nil
			}
			if !i.Updated.IsZero() && fmtTime(i.Updated) != fmtTime(was.Updated) {
				return data.Errorf(data.EChanged, "err.record.changed", "kind", string(data.KindIndicator))
			}
			if err := s.setDeleted(ctx, tx, data.Ref{Kind: data.KindIndicator, ID: i.ID}, true); err != nil {
				return err
			}
		} else {
			if was.ID != "" && was.Name == i.Name && was.Unit == i.Unit && was.Target == i.Target &&
				was.Value == i.Value && was.MeasuredOn.Equal(i.MeasuredOn) {
				i = was
				return nil
			}
			if err := s.save(ctx, tx, data.KindIndicator, &i.Meta, indicatorCols(i)); err != nil {
				return err
			}
		}
		lines := italian.IndicatorChanges(was, i)
		if len(lines) == 0 {
			return nil
		}
		h, err := s.history(ctx, tx)
		if err != nil {
			return err
		}
		progress, err := progressOf(ctx, tx, im.ID)
		if err != nil {
			return err
		}
		return s.record(h, p, lines, progress)
	})
	return i, err
}

// Implementations lists the approved proposals (approvata, in attuazione, realizzata) with their
// attuazione: late ones first, then by area in the Ambito's order and by place in the priority list.
func (s *Store) Implementations(ctx context.Context, f data.ImplementationFilter) ([]data.ImplementationView, error) {
	var out []data.ImplementationView
	err := s.read(ctx, func(tx *sql.Tx) error {
		out = nil
		props, err := queryProposals(ctx, tx, ` WHERE p.deleted = 0 AND p.state IN (?, ?, ?)
			ORDER BY coalesce(a.position, 0), a.name, p.priority = 0, p.priority, p.title, p.id`,
			string(data.StateApprovata), string(data.StateInAttuazione), string(data.StateRealizzata))
		if err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, implementationSelect+` WHERE deleted = 0`)
		if err != nil {
			return err
		}
		ims, err := scanImplementations(rows)
		if err != nil {
			return err
		}
		byProposal := map[string]data.Implementation{}
		for _, im := range ims {
			byProposal[im.ProposalID] = im
		}
		if rows, err = tx.QueryContext(ctx, milestoneSelect+` WHERE deleted = 0
			ORDER BY position, due = '', due, created, id`); err != nil {
			return err
		}
		ms, err := scanMilestones(rows)
		if err != nil {
			return err
		}
		milestones := map[string][]data.Milestone{}
		for _, m := range ms {
			milestones[m.ImplementationID] = append(milestones[m.ImplementationID], m)
		}
		if rows, err = tx.QueryContext(ctx, indicatorSelect+` WHERE deleted = 0 ORDER BY created, id`); err != nil {
			return err
		}
		is, err := scanIndicators(rows)
		if err != nil {
			return err
		}
		indicators := map[string][]data.Indicator{}
		for _, i := range is {
			indicators[i.ImplementationID] = append(indicators[i.ImplementationID], i)
		}
		now := s.now()
		for _, p := range props {
			if f.AreaID != "" && p.AreaID != f.AreaID {
				continue
			}
			im := byProposal[p.ID]
			if f.ResponsibleID != "" && im.ResponsibleID != f.ResponsibleID {
				continue
			}
			if im.ID == "" {
				im.ProposalID, im.Budget = p.ID, data.FullBudget(nil)
			}
			v := data.ImplementationView{Implementation: im, Proposal: p,
				Milestones: orEmpty(milestones[im.ID]), Indicators: orEmpty(indicators[im.ID])}
			if im.ID == "" {
				v.Milestones, v.Indicators = []data.Milestone{}, []data.Indicator{}
			}
			v.Late = data.IsLate(im, p.State, v.Milestones, now)
			if f.LateOnly && !v.Late {
				continue
			}
			if v.ResponsibleName, err = responsibleName(ctx, tx, im.ResponsibleKind, im.ResponsibleID); err != nil {
				return err
			}
			out = append(out, v)
		}
		slices.SortStableFunc(out, func(a, b data.ImplementationView) int {
			switch {
			case a.Late == b.Late:
				return 0
			case a.Late:
				return -1
			}
			return 1
		})
		return nil
	})
	return out, err
}
