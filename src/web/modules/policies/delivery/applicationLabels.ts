/** Colours of application states. */
export const STATE_COLORS: Record<string, string> = { submitted: 'blue', district_approved: 'cyan', approved: 'green', returned: 'orange', paid: 'gold' };
