-- The 要素保障 category dictionary of the service desk, with the working days allowed per urgency
-- (normal / urgent / critical). Reference data the desk needs to work; admins edit it afterwards.
INSERT INTO service_categories (code, name_zh, name_en, sort_order, normal_days, urgent_days, critical_days) VALUES
  ('land', '用地', 'Land', 1, 20, 10, 5),
  ('labour', '用工', 'Labour', 2, 10, 5, 3),
  ('financing', '融资', 'Financing', 3, 10, 5, 3),
  ('utilities', '用电用气', 'Power and gas', 4, 10, 5, 2),
  ('approvals', '审批手续', 'Approvals and permits', 5, 15, 7, 3),
  ('policy', '政策兑现', 'Policy payments', 6, 15, 7, 3),
  ('market', '市场开拓', 'Market development', 7, 20, 10, 5),
  ('innovation', '技术创新', 'Technology and innovation', 8, 20, 10, 5),
  ('other', '其他', 'Other', 9, 15, 7, 3)
ON CONFLICT (code) DO NOTHING;
