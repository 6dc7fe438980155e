package data

import (
	"context"
	"time"
)

// Relazione is the relazione annuale consuntiva the Ufficio di Piano presents to the Tavolo dei Sindaci:
// a year of the Piano's bodies, what the priorities became and with what money, the actions and the
// validation rounds. Everything but the introduction is counted from the records.
type Relazione struct {
	Year     int    `json:"year"`
	Ambito   Ambito `json:"ambito"`
	Capofila string `json:"capofila"`
	// Introduction is what the Ufficio di Piano wrote for the year ("" when nothing yet).
	Introduction string `json:"introduction"`
	// Participation counts the sessions held in the year and the people present at them.
	Participation Participation `json:"participation"`
	// Held lists, per body in the Ambito's order, the days of its sessions held in the year.
	Held []BodyDays `json:"held"`
	// Areas are the priorities approved for the Piano, area by area, with their attuazione.
	Areas []RelazioneArea `json:"areas"`
	// Budget sums every attuazione's money per source, in FundSources order.
	Budget []Budget `json:"budget"`
	// Done are the actions closed in the year; Open those still open at its end (or today, for the
	// current year), overdue first.
	Done []ActionView `json:"done"`
	Open []ActionView `json:"open"`
	// Rounds are the validation votes held in the year; Titles names the proposals they covered.
	Rounds            []Round           `json:"rounds"`
	Titles            map[string]string `json:"titles"`
	Responsible       string            `json:"responsible,omitempty"`
	ResponsibleGender Gender            `json:"responsible_gender,omitempty"`
	Changed           time.Time         `json:"changed"` // the latest change to anything in it: the date it carries
}

// BodyDays is a body with the days of its sessions held in a period.
type BodyDays struct {
	Body Body        `json:"body"`
	Days []time.Time `json:"days"`
}

// RelazioneArea is one area's priorities with their attuazione.
type RelazioneArea struct {
	Area       Area                 `json:"area"`
	Priorities []ImplementationView `json:"priorities"`
}

// Totals sums a list of budgets per source, in FundSources order.
func Totals(lists ...[]Budget) []Budget {
	out := make([]Budget, len(FundSources))
	for i, s := range FundSources {
		out[i].Source = s
		for _, l := range lists {
			for _, b := range l {
				if b.Source == s {
					out[i].Planned += b.Planned
					out[i].Spent += b.Spent
				}
			}
		}
	}
	return out
}

// RelazioneStore gives the relazione annuale and keeps what the Ufficio di Piano writes into it.
type RelazioneStore interface {
	Relazione(ctx context.Context, year int) (Relazione, error)
	AnnualReport(ctx context.Context, year int) (AnnualReport, error)
	SaveAnnualReport(ctx context.Context, r AnnualReport) (AnnualReport, error)
}

// Years a relazione annuale may be about, and the length of its introduction: a few pages.
const (
	minReportYear      = 2000
	maxReportYear      = 2100
	maxIntroductionLen = 30000
)

// FieldIntroduction names the introduction of a relazione annuale in errors.
const FieldIntroduction Field = "introduction"

// Validate checks the year and the introduction's length.
func (r AnnualReport) Validate() error {
	if r.Year < minReportYear || r.Year > maxReportYear {
		return Errorf(EInvalid, "err.relazione.year", "year", r.Year)
	}
	return checkLengths(limited{FieldIntroduction, r.Introduction, maxIntroductionLen})
}
