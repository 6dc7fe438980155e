package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/ids"
)

// annualReportID is the id of a year's annual report (ids.AnnualReport).
func annualReportID(year int) string { return ids.AnnualReport(year) }

// AnnualReport is what the Ufficio di Piano wrote for a year's relazione; a year with nothing written
// yet gives its id and year, with no introduction.
func (s *Store) AnnualReport(ctx context.Context, year int) (data.AnnualReport, error) {
	var r data.AnnualReport
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		r, err = annualReport(ctx, tx, year)
		return err
	})
	return r, err
}

func annualReport(ctx context.Context, tx *sql.Tx, year int) (data.AnnualReport, error) {
	r := data.AnnualReport{Meta: data.Meta{ID: annualReportID(year)}, Year: year}
	m := metaScan{m: &r.Meta}
	err := tx.QueryRowContext(ctx, `SELECT id, created, updated, device, deleted, introduction FROM annual_reports
		WHERE id = ? AND deleted = 0`, r.ID).Scan(append(m.dest(), &r.Introduction)...)
	if errors.Is(err, sql.ErrNoRows) {
		return r, nil
	}
	if err == nil {
		err = m.finish()
	}
	return r, err
}

// SaveAnnualReport stores a year's introduction. A record read before another window or laptop changed
// it is refused (EChanged), like every other record.
func (s *Store) SaveAnnualReport(ctx context.Context, r data.AnnualReport) (data.AnnualReport, error) {
	if err := r.Validate(); err != nil {
		return r, err
	}
	r.ID = annualReportID(r.Year)
	err := s.write(ctx, func(tx *sql.Tx) error {
		return s.save(ctx, tx, data.KindAnnualReport, &r.Meta, annualReportCols(r))
	})
	return r, err
}

// annualReportCols are the columns of an annual report.
func annualReportCols(r data.AnnualReport) []column {
	return []column{{"year", r.Year}, {"introduction", r.Introduction}}
}

// Relazione gathers a year's relazione annuale consuntiva: the introduction, the sessions held in the
// year and the people present at them, the validation rounds of the year, and the priorities with
// their attuazione and the actions (see relazioneParts).
func (s *Store) Relazione(ctx context.Context, year int) (data.Relazione, error) {
	if err := (data.AnnualReport{Year: year}).Validate(); err != nil {
		return data.Relazione{}, err
	}
	from := time.Date(year, time.January, 1, 0, 0, 0, 0, data.Zone)
	to := from.AddDate(1, 0, 0)
	out := data.Relazione{Year: year}
	err := s.read(ctx, func(tx *sql.Tx) error {
		a, err := ambito(ctx, tx)
		if err != nil {
			return err
		}
		out.Ambito = a
		names, err := comuneNames(ctx, tx)
		if err != nil {
			return err
		}
		out.Capofila = names[a.CapofilaID]
		if out.Responsible, out.ResponsibleGender, err = officeHead(ctx, tx); err != nil {
			return err
		}
		intro, err := annualReport(ctx, tx, year)
		if err != nil {
			return err
		}
		out.Introduction = intro.Introduction
		if out.Participation, err = participation(ctx, tx, from, to); err != nil {
			return err
		}
		bs, err := bodies(ctx, tx)
		if err != nil {
			return err
		}
		if out.Held, err = heldDays(ctx, tx, bs, from, to); err != nil {
			return err
		}
		if out.Rounds, err = rounds(ctx, tx, bs, from, to); err != nil {
			return err
		}
		out.Titles = map[string]string{}
		for _, r := range out.Rounds {
			for _, id := range r.Vote.Covers {
				var title string
				err := tx.QueryRowContext(ctx, `SELECT title FROM proposals WHERE id = ?`, id).Scan(&title)
				if err != nil && !errors.Is(err, sql.ErrNoRows) {
					return err
				}
				out.Titles[id] = title
			}
		}
		var changed sql.NullString
		err = tx.QueryRowContext(ctx, `SELECT max(m) FROM (
			SELECT max(updated) m FROM proposals UNION ALL SELECT max(updated) FROM votes
			UNION ALL SELECT max(updated) FROM sessions UNION ALL SELECT max(updated) FROM attendance
			UNION ALL SELECT max(updated) FROM bodies UNION ALL SELECT max(updated) FROM ambito
			UNION ALL SELECT max(updated) FROM people UNION ALL SELECT max(updated) FROM action_items
			UNION ALL SELECT max(updated) FROM proposal_events UNION ALL SELECT max(updated) FROM annual_reports)`).Scan(&changed)
		if err != nil || !changed.Valid {
			return err
		}
		out.Changed, err = parseTime(changed.String)
		return err
	})
	if err != nil {
		return out, err
	}
	return out, s.relazioneParts(ctx, &out, from, to)
}

// heldDays lists, per body in the Ambito's order, the days of its sessions held in [from, to).
func heldDays(ctx context.Context, tx *sql.Tx, bodies []data.Body, from, to time.Time) ([]data.BodyDays, error) {
	rows, err := tx.QueryContext(ctx, `SELECT s.body_id, s.date FROM sessions s
		WHERE s.id IN (SELECT id FROM (`+heldIn(from, to)+`)) ORDER BY s.date, s.id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	days := map[string][]time.Time{}
	for rows.Next() {
		var body, date string
		if err := rows.Scan(&body, &date); err != nil {
			return nil, err
		}
		t, err := parseTime(date)
		if err != nil {
			return nil, err
		}
		days[body] = append(days[body], t)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var out []data.BodyDays
	for _, b := range bodies {
		if len(days[b.ID]) > 0 {
			out = append(out, data.BodyDays{Body: b, Days: days[b.ID]})
		}
	}
	return out, nil
}
