export function BrandPanel() {
  return (
    <aside className="zs-login-brand" aria-label="平台介绍">
      <div className="zs-login-brand-inner">
        <div className="zs-login-logo" aria-hidden="true">
          枢
        </div>
        <h1 className="zs-login-title">中枢 · 机关办公平台</h1>
        <p className="zs-login-sub">服务发展 · 服务决策 · 服务落实</p>
        <ul className="zs-login-points">
          <li>
            <strong>不积压</strong>
            <span>待办集中呈现，紧急事项优先，到期自动催办</span>
          </li>
          <li>
            <strong>不遗失</strong>
            <span>收发文件全程留痕，流转环节可追溯</span>
          </li>
          <li>
            <strong>不漏办</strong>
            <span>督办事项一周一督，红黄绿灯一目了然</span>
          </li>
        </ul>
      </div>
    </aside>
  );
}
