"""One screen per module; modals return their value with dismiss()."""
