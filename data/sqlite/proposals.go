package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"

	"github.com/tavoli/tavoli/data"
)

func proposalCols(p data.Proposal) []column {
	ids := p.ComuneIDs
	if ids == nil {
		ids = []string{}
	}
	comuni, _ := json.Marshal(ids) // a []string always marshals
	return []column{{"session_id", nullable(p.SessionID)}, {"agenda_item_id", nullable(p.AgendaItemID)},
		{"area_id", p.AreaID}, {"kind", string(p.Kind)}, {"state", string(p.State)}, {"title", p.Title},
		{"text", p.Text}, {"target_group", p.TargetGroup}, {"proposer_id", nullable(p.ProposerID)},
		{"organisation_id", nullable(p.OrganisationID)}, {"comune_ids", string(comuni)}, {"cost", string(p.Cost)},
		{"duration", string(p.Duration)}, {"merged_into_id", nullable(p.MergedIntoID)},
		{"split_from_id", nullable(p.SplitFromID)}, {"priority", p.Priority}}
}

// SaveProposal records a proposal, usually captured during a session: a new one starts as proposta.
// The proposer, organisation, comuni and area must exist; a proposal of an approved session is locked.
func (s *Store) SaveProposal(ctx context.Context, p data.Proposal) (data.Proposal, error) {
	p.Title, p.Text, p.TargetGroup = strings.TrimSpace(p.Title), strings.TrimSpace(p.Text), strings.TrimSpace(p.TargetGroup)
	err := s.write(ctx, func(tx *sql.Tx) error {
		if err := ownSession(ctx, tx, "proposals", p.ID, p.SessionID); err != nil {
			return err
		}
		// Where the proposal is in its life is changed only by the lifecycle's own steps, which record
		// them: an edit keeps the stored state, lineage and place in the priority list.
		p.State, p.MergedIntoID, p.SplitFromID, p.Priority = data.StateProposta, "", "", 0
		if p.ID != "" {
			var merged, split sql.NullString
			err := tx.QueryRowContext(ctx, `SELECT state, merged_into_id, split_from_id, priority FROM proposals WHERE id = ?`,
				p.ID).Scan(&p.State, &merged, &split, &p.Priority)
			if err != nil && err != sql.ErrNoRows {
				return err
			}
			p.MergedIntoID, p.SplitFromID = merged.String, split.String
		}
		if err := p.Validate(); err != nil {
			return err
		}
		if p.SessionID != "" {
			if err := itemOf(ctx, tx, p.SessionID, p.AgendaItemID); err != nil {
				return err
			}
		}
		if err := proposalRefs(ctx, tx, p); err != nil {
			return err
		}
		return s.save(ctx, tx, data.KindProposal, &p.Meta, proposalCols(p))
	})
	return p, err
}

// proposalRefs checks that what a proposal refers to exists: its area, proposer, organisation, comuni.
func proposalRefs(ctx context.Context, tx *sql.Tx, p data.Proposal) error {
	refs := []data.Ref{{Kind: data.KindArea, ID: p.AreaID}, {Kind: data.KindPerson, ID: p.ProposerID},
		{Kind: data.KindOrganisation, ID: p.OrganisationID}}
	for _, c := range p.ComuneIDs {
		refs = append(refs, data.Ref{Kind: data.KindComune, ID: c})
	}
	for _, r := range refs {
		if err := liveRef(ctx, tx, r.Kind, r.ID); err != nil {
			return err
		}
	}
	return nil
}

// sessionProposals lists the proposals captured in a session, in the order they were taken, with the
// names they refer to.
func sessionProposals(ctx context.Context, tx *sql.Tx, sessionID string) ([]data.ProposalView, error) {
	return queryProposals(ctx, tx, ` WHERE p.session_id = ? AND p.deleted = 0 AND p.split_from_id IS NULL ORDER BY p.created, p.id`, sessionID)
}

// proposalSelect reads a proposal with the names it refers to: area, proposer, organisation, and the
// body and date of the session it was captured in (for a part split off another, the origin's).
const proposalSelect = `SELECT ` + "p.id, p.created, p.updated, p.device, p.deleted" + `, coalesce(p.session_id, ''),
	coalesce(p.agenda_item_id, ''), p.area_id, p.kind, p.state, p.title, p.text, p.target_group,
	coalesce(p.proposer_id, ''), coalesce(p.organisation_id, ''), p.comune_ids, p.cost, p.duration,
	coalesce(p.merged_into_id, ''), coalesce(p.split_from_id, ''), p.priority, coalesce(a.name, ''),
	coalesce(trim(pe.surname || ' ' || pe.name), ''), coalesce(o.name, ''), coalesce(b.id, ''), coalesce(b.name, ''),
	coalesce(s.date, ''), coalesce(trim(pe.name || ' ' || pe.surname), ''),
	coalesce((SELECT json_array(e.reason, coalesce(vb.name, ''), coalesce(vs.date, ''))
		FROM proposal_events e
		LEFT JOIN votes v ON v.id = e.vote_id
		LEFT JOIN sessions vs ON vs.id = v.session_id
		LEFT JOIN bodies vb ON vb.id = vs.body_id
		WHERE e.proposal_id = p.id AND e.deleted = 0 AND e.to_state = p.state
		ORDER BY e.at DESC, e.id DESC LIMIT 1), '')
	FROM proposals p
	LEFT JOIN areas a ON a.id = p.area_id
	LEFT JOIN people pe ON pe.id = p.proposer_id
	LEFT JOIN organisations o ON o.id = p.organisation_id
	LEFT JOIN proposals sp ON sp.id = p.split_from_id
	LEFT JOIN sessions s ON s.id = coalesce(p.session_id, sp.session_id)
	LEFT JOIN bodies b ON b.id = s.body_id`

// queryProposals runs proposalSelect with a tail (WHERE, ORDER BY) and fills in the comuni's names.
func queryProposals(ctx context.Context, tx *sql.Tx, tail string, args ...any) ([]data.ProposalView, error) {
	rows, err := tx.QueryContext(ctx, proposalSelect+tail, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []data.ProposalView
	var comuneIDs []string
	for rows.Next() {
		var v data.ProposalView
		var comuni, date, why string
		m := metaScan{m: &v.Meta}
		if err := rows.Scan(append(m.dest(), &v.SessionID, &v.AgendaItemID, &v.AreaID, &v.Kind, &v.State, &v.Title,
			&v.Text, &v.TargetGroup, &v.ProposerID, &v.OrganisationID, &comuni, &v.Cost, &v.Duration,
			&v.MergedIntoID, &v.SplitFromID, &v.Priority, &v.AreaName, &v.ProposerName, &v.OrganisationName,
			&v.BodyID, &v.BodyName, &date, &v.ProposerProse, &why)...); err != nil {
			return nil, err
		}
		err := m.finish()
		if err == nil && date != "" {
			v.SessionDate, err = parseTime(date)
		}
		if err == nil && why != "" {
			v.Reason, v.DecidedBy, err = reasonOf(why)
		}
		if err == nil {
			err = json.Unmarshal([]byte(comuni), &v.ComuneIDs)
		}
		if err != nil {
			return nil, data.Errorf(data.ECorrupt, "err.db.corrupt").Wrap(err)
		}
		comuneIDs = append(comuneIDs, v.ComuneIDs...)
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(comuneIDs) == 0 {
		return out, nil
	}
	names, err := comuneNames(ctx, tx)
	if err != nil {
		return nil, err
	}
	for i := range out {
		for _, id := range out[i].ComuneIDs {
			out[i].ComuneNames = append(out[i].ComuneNames, names[id])
		}
	}
	return out, nil
}

// reasonOf reads the latest move into a proposal's state, as proposalSelect gives it (a JSON array of
// the reason, and the body and date of the vote that made it, if one did).
func reasonOf(why string) (string, *data.DecidedBy, error) {
	var parts [3]string
	if err := json.Unmarshal([]byte(why), &parts); err != nil {
		return "", nil, err
	}
	reason := strings.TrimSpace(parts[0])
	if parts[1] == "" || parts[2] == "" {
		return reason, nil, nil
	}
	at, err := parseTime(parts[2])
	if err != nil {
		return "", nil, err
	}
	return reason, &data.DecidedBy{BodyName: parts[1], Date: at}, nil
}

// comuneNames maps every comune's id to its name.
func comuneNames(ctx context.Context, tx *sql.Tx) (map[string]string, error) {
	names := map[string]string{}
	rows, err := tx.QueryContext(ctx, `SELECT id, name FROM comuni`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id, name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, err
		}
		names[id] = name
	}
	return names, rows.Err()
}
