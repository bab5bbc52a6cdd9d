import type { ThemeConfig } from 'antd';

/** A sober look for an official tool: one blue, small radii, dense tables. */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1f5fbf',
    colorInfo: '#1f5fbf',
    colorError: '#c8102e',
    borderRadius: 4,
    fontSize: 13,
    colorBgLayout: '#f0f2f5',
  },
  components: {
    Layout: { siderBg: '#0d2a57', headerBg: '#ffffff', headerHeight: 52, headerPadding: '0 20px' },
    Menu: { darkItemBg: '#0d2a57', darkSubMenuItemBg: '#0a2149', darkItemSelectedBg: '#1f5fbf' },
    Table: { headerBg: '#f5f7fa', cellPaddingBlockSM: 6 },
    Card: { headerFontSize: 14 },
  },
};
