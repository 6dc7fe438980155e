package i18n

import "github.com/tavoli/tavoli/data"

// VersionReason says why a version was set aside, the same in the window's list and the command line's
// table. A reason only a newer Tavoli knows keeps its code.
func VersionReason(r data.VersionReason) string {
	switch r {
	case data.VersionConflict:
		return L("exchange.reason.conflict")
	case data.VersionLocked:
		return L("exchange.reason.locked")
	case data.VersionReplaced:
		return L("exchange.reason.replaced")
	}
	return string(r)
}

// VersionResolution says what was decided about a version set aside. A version dismissed because a
// restore replaced it says so; a resolution only a newer Tavoli knows keeps its code.
func VersionResolution(v data.RecordVersion) string {
	switch {
	case v.Resolution == data.VersionOpen:
		return L("exchange.resolution.open")
	case v.Resolution == data.VersionRestored:
		return L("exchange.resolution.restored")
	case v.Resolution == data.VersionDismissed && v.Reason == data.VersionReplaced:
		return L("exchange.resolution.replaced")
	case v.Resolution == data.VersionDismissed:
		return L("exchange.resolution.dismissed")
	case v.Resolution == data.VersionDisputed:
		return L("exchange.resolution.disputed")
	}
	return string(v.Resolution)
}
