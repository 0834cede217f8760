import type { ThemeConfig } from 'antd';

/** A restrained government-office palette: 中国红 accents would be louder than the work. */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1f5eff',
    colorInfo: '#1f5eff',
    borderRadius: 4,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'WenQuanYi Zen Hei', 'Helvetica Neue', Arial, sans-serif",
    fontSize: 14,
  },
  components: {
    Layout: { headerBg: '#ffffff', headerHeight: 56, headerPadding: '0 16px', siderBg: '#001529', bodyBg: '#f0f2f5' },
    Menu: { itemHeight: 38, itemMarginBlock: 2, darkItemBg: '#001529', darkSubMenuItemBg: '#000c17', darkGroupTitleColor: 'rgba(255,255,255,0.45)' },
    Table: { headerBg: '#fafafa' },
  },
};
