// Package ids makes the ids that are derived rather than drawn: records that two laptops may each create
// for the same thing (the attuazione of a proposal, the follow-up of an action, a year's relazione)
// get the same id everywhere, so that the merge of bundles sees one record edited on both, never two.
// It is apart from package data, which stays free of database/sql (uuid implements sql.Scanner).
package ids

import "github.com/google/uuid"

// The namespaces of the derived ids. They never change: every laptop must derive the same ids.
var (
	attuazioneSpace = uuid.MustParse("6f1d3c2a-18a7-4e0b-9a51-7a7a7e0a2b18")
	followUpSpace   = uuid.MustParse("3b6f2c1e-8a47-4d2b-9e0c-5f1a7d9b2c64")
	annualSpace     = uuid.MustParse("cd90a570-df82-4f1c-9209-b974c20d6105")
	historySpace    = uuid.MustParse("0b7e4f6a-2d19-4c83-a5e2-91c7d3f08a44")
)

// Implementation is the id of a proposal's attuazione: a proposal never has two.
func Implementation(proposalID string) string {
	return uuid.NewSHA1(attuazioneSpace, []byte("implementation:"+proposalID)).String()
}

// FollowUp is the id of the follow-up of an action item.
func FollowUp(actionItemID string) string {
	return uuid.NewSHA1(followUpSpace, []byte("follow_up:"+actionItemID)).String()
}

// AnnualReport is the id of a year's relazione annuale.
func AnnualReport(year int) string {
	return uuid.NewSHA1(annualSpace, []byte(itoa(year))).String()
}

// History is the id of the entry of a record's history that starts with the version of the record
// that device stamped at updated: an entry that reaches a laptop twice, by two paths, is one entry.
func History(kind, recordID, device, updated string) string {
	return uuid.NewSHA1(historySpace, []byte("history:"+kind+"/"+recordID+"/"+device+"/"+updated)).String()
}

// itoa writes a year in figures.
func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	if neg {
		b = append([]byte{'-'}, b...)
	}
	return string(b)
}
